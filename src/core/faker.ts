import { createRequire } from 'node:module';
import type { Faker } from '@faker-js/faker';
import type { Random } from './random.ts';

const require = createRequire(import.meta.url);

let current: Random | undefined;
let instance: Faker | undefined;

/** Makes `random` the source of the scoped faker until the returned function restores the previous one. */
export function enterRandom(random: Random): () => void {
  const previous = current;
  current = random;
  return () => {
    current = previous;
  };
}

/**
 * A scoped faker (never the global one) drawing from the Random entered last, so faker values are seeded
 * with everything else. The English locale loads on first use, keeping `import` light.
 */
export function scopedFaker(): Faker {
  if (instance === undefined) {
    const { faker } = require('@faker-js/faker/locale/en') as typeof import('@faker-js/faker/locale/en');
    const FakerClass = faker.constructor as new (options: ConstructorParameters<typeof Faker>[0]) => Faker;
    instance = new FakerClass({
      locale: faker.rawDefinitions,
      randomizer: {
        next: () => {
          if (current === undefined) throw new Error('[lambda-harness] scoped faker used outside a build');
          return current.next();
        },
        seed: () => {
          throw new Error('[lambda-harness] the scoped faker is seeded through its Random');
        },
      },
    });
  }
  return instance;
}
