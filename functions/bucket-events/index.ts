import compiled from 'autopilot:policy';
import { parsePolicyDocument } from '../../shared/policy/runtime';
import { makeBucketEventsHandler } from './handler';

export const handler = makeBucketEventsHandler(parsePolicyDocument(compiled));
