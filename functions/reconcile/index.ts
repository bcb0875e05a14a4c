import compiled from 'autopilot:policy';
import { parsePolicyDocument } from '../../shared/policy/runtime';
import { makeReconcileHandler } from './handler';

export const handler = makeReconcileHandler(parsePolicyDocument(compiled));
