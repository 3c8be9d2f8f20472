import type { Context, SQSEvent } from 'aws-lambda';

interface Summary {
  records: number;
  function: string;
}

export const handler = async (event: SQSEvent, context: Context): Promise<Summary> => ({
  records: event.Records.length,
  function: context.functionName,
});
