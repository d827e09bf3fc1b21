// Stands in for zod's locale index in the worker bundle (see scripts/bundle-worker.ts).
export { default as en } from 'zod/v4/locales/en.js';
