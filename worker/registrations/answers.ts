// The answers' rules live in the model, shared with the event page's script; the worker's code reads them here.
export * from '../../model/answers.ts';
