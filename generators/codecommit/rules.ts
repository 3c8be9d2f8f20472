import { parseArn } from '../../src/contracts/rule-kit.ts';
import { defineRule, show } from '../../src/contracts/rules.ts';
import type { CodeCommitEvent } from './types.gen.ts';

type Event = CodeCommitEvent;

/**
 * The repository is in the record's region and in the account of the identity that pushed (a trigger fires for
 * pushes to a repository of its own account). https://docs.aws.amazon.com/codecommit/latest/userguide/how-to-notify-lambda.html
 */
const repositoryScope = defineRule<Event>({
  id: 'repository-scope',
  description: "eventSourceARN is in awsRegion and in userIdentityARN's account",
  check(event, report) {
    event.Records.forEach((record, i) => {
      const repository = parseArn(record.eventSourceARN);
      if (repository === undefined) return;
      if (repository.region !== record.awsRegion)
        report({
          path: ['Records', i, 'eventSourceARN'],
          expected: `a repository in region ${show(record.awsRegion)} (awsRegion)`,
          received: show(record.eventSourceARN),
        });
      const account = parseArn(record.userIdentityARN)?.account;
      if (account !== undefined && repository.account !== account)
        report({
          path: ['Records', i, 'eventSourceARN'],
          expected: `a repository in account ${show(account)} (userIdentityARN)`,
          received: show(record.eventSourceARN),
        });
    });
  },
});

const eventParts = defineRule<Event>({
  id: 'event-parts',
  description: 'eventPartNumber is at most eventTotalParts',
  check(event, report) {
    event.Records.forEach((record, i) => {
      if (record.eventPartNumber > record.eventTotalParts)
        report({
          path: ['Records', i, 'eventPartNumber'],
          expected: `at most eventTotalParts (${record.eventTotalParts})`,
          received: show(record.eventPartNumber),
        });
    });
  },
});

const referenceChange = defineRule<Event>({
  id: 'reference-change',
  description: 'a reference is not both created and deleted',
  check(event, report) {
    event.Records.forEach((record, i) => {
      record.codecommit.references.forEach((reference, j) => {
        if (reference.created === true && reference.deleted === true)
          report({
            path: ['Records', i, 'codecommit', 'references', j, 'deleted'],
            expected: 'not deleted when created',
            received: 'true',
          });
      });
    });
  },
});

export const rules = [repositoryScope, eventParts, referenceChange];
