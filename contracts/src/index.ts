export * from './ids';
export * from './time';
export * from './metrics';
export * from './telemetry';
export * from './thresholds';
export * from './documents';
export * from './commands';
export * from './paths';
