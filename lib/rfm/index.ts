export * from './clv';
export * from './compute';
export * from './features';
export * from './kmeans';
export { minimize, type MinimizeOptions, type MinimizeResult } from './optimize';
export * from './scores';
export * from './segments';
