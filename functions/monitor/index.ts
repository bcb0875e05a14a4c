import compiled from 'autopilot:policy';
import { parsePolicyDocument } from '../../shared/policy/runtime';
import { makeMonitorHandler } from './handler';

export const handler = makeMonitorHandler(parsePolicyDocument(compiled));
