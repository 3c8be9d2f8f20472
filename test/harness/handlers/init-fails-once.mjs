// Module whose second evaluation throws at top level (an Init error after a restart); loaded by path.
const key = Symbol.for('lambda-harness.test.init-fails-once');
globalThis[key] = (globalThis[key] ?? 0) + 1;
const evaluation = globalThis[key];
if (evaluation === 2) throw new Error('init failed on evaluation 2');

export const handler = async (event) => {
  if (event.exit !== undefined) process.exit(event.exit);
  return evaluation;
};
