import compiled from 'autopilot:policy';
import { parsePolicyDocument } from '../../shared/policy/runtime';
import { makeVerifyHandler } from './handler';

export const handler = makeVerifyHandler(parsePolicyDocument(compiled));
