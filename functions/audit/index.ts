import compiled from 'autopilot:policy';
import { parsePolicyDocument } from '../../shared/policy/runtime';
import { makeAuditHandler } from './handler';

export const handler = makeAuditHandler(parsePolicyDocument(compiled));
