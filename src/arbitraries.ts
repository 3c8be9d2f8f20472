export * from '../generators/arbitraries.gen.ts';
export {
  type ArbitraryOptions,
  combineOverrides,
  eventArbitrary,
  jsonValue,
  nastyString,
  type PartsContext,
  recordsArbitrary,
} from './arbitraries/define-arbitrary.ts';
/** fast-check itself, so property tests need one import: `import { fc, sqsArbitrary } from 'lambda-harness/arbitraries'`. */
export { default as fc } from 'fast-check';
