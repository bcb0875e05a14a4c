export * from './errors';
export * from './config';
export * from './context';
export * from './credentials';
export * from './deadline';
export * from './events';
export * from './classifyError';
export * from './handler';
