/**
 * Gives the event loop a turn (I/O callbacks included) before going on. Long CPU work on the
 * main thread does it between slices, so that results arriving from the database are read
 * and the next statements sent while the work continues.
 */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
