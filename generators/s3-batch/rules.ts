import { defineRule, show } from '../../src/contracts/rules.ts';
import type { S3BatchEvent, S3BatchResponse } from './types.gen.ts';

type Event = S3BatchEvent;

/** Schema 1.0 names the bucket by ARN; 2.0 by name, with the job's user arguments (https://docs.aws.amazon.com/AmazonS3/latest/userguide/batch-ops-invoke-lambda.html). */
const taskMatchesSchemaVersion = defineRule<Event>({
  id: 'task-matches-schema-version',
  description:
    'invocationSchemaVersion 1.0 tasks carry s3BucketArn (and the job no userArguments); 2.0 tasks carry s3Bucket',
  check(event, report) {
    const v1 = event.invocationSchemaVersion === '1.0';
    event.tasks.forEach((task, i) => {
      const field = v1 ? 's3BucketArn' : 's3Bucket';
      if (!(field in task))
        report({
          path: ['tasks', i],
          expected: `a task with ${field} (invocationSchemaVersion ${event.invocationSchemaVersion})`,
          received: `a task with ${v1 ? 's3Bucket' : 's3BucketArn'}`,
        });
    });
    if (v1 && event.job.userArguments !== undefined)
      report({
        path: ['job', 'userArguments'],
        expected: 'no userArguments with invocationSchemaVersion 1.0',
        received: show(event.job.userArguments),
      });
  },
});

export const rules = [taskMatchesSchemaVersion];

/**
 * The answer's rules that need the event: S3 Batch Operations matches the response to its invocation and each
 * result to a task, and reads the result of every task it sent.
 */
export function responseEchoFindings(
  event: Event,
  response: S3BatchResponse,
  report: (finding: { path: (string | number)[]; expected: string; received: string; rule: string }) => void,
): void {
  if (response.invocationId !== event.invocationId)
    report({
      path: ['invocationId'],
      expected: `the event's invocationId (${show(event.invocationId)})`,
      received: show(response.invocationId),
      rule: 'invocation-id-echoed',
    });
  if (response.invocationSchemaVersion !== event.invocationSchemaVersion)
    report({
      path: ['invocationSchemaVersion'],
      expected: `the event's invocationSchemaVersion (${show(event.invocationSchemaVersion)})`,
      received: show(response.invocationSchemaVersion),
      rule: 'schema-version-echoed',
    });
  const taskIds = event.tasks.map((task) => task.taskId);
  response.results.forEach((result, i) => {
    if (!taskIds.includes(result.taskId))
      report({
        path: ['results', i, 'taskId'],
        expected: `a taskId of the event's tasks (${taskIds.map(show).join(', ')})`,
        received: show(result.taskId),
        rule: 'task-id-echoed',
      });
  });
  for (const taskId of taskIds)
    if (!response.results.some((result) => result.taskId === taskId))
      report({
        path: ['results'],
        expected: `a result for task ${show(taskId)}`,
        received: 'none',
        rule: 'task-id-echoed',
      });
}
