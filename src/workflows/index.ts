// Everything the worker registers as a workflow.
export { ping } from './ping';
