// Handlers with module state, for cold-start and concurrency tests: loaded by path ("./stateful.mjs#counter").

let count = 0;

/** Counts invocations in this module instance; `event.exit` calls process.exit(code), `event.reject` floats a rejection. */
export const counter = async (event) => {
  count++;
  if (event.exit !== undefined) process.exit(event.exit);
  if (event.reject) {
    Promise.reject(new Error('floating'));
    await new Promise((r) => setTimeout(r, 5));
  }
  return count;
};

let current;

/** Shared-state bug: keeps the request in a module variable across an await. */
export const racy = async (event) => {
  current = event.id;
  await new Promise((r) => setTimeout(r, 5));
  return current;
};

/** The same handler without the bug. */
export const safe = async (event) => {
  const mine = event.id;
  await new Promise((r) => setTimeout(r, 5));
  return mine;
};
