// Loaded by the worker (and bundled into the workflow sandbox): failure messages and stack traces go
// into an encoded payload, so the payload codec encrypts them as well.
import { DefaultFailureConverter } from '@temporalio/common';

export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
