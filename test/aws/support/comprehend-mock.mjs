// Preloaded (`node --import`) into the process-feedback process only: moto's Comprehend answers
// DetectSentiment alone (no batch calls, which the cascade engine uses), so its client is replaced by
// an aws-sdk-client-mock stub. It is the same module instance the bundle imports (`@aws-sdk/*` is
// external and resolves to the repository's node_modules), so every call the bundle makes lands here.
import { BatchDetectSentimentCommand, ComprehendClient } from '@aws-sdk/client-comprehend';
import { mockClient } from 'aws-sdk-client-mock';

const NEGATIVE = /defeito|ningu[eé]m|p[ée]ssim|atras|diferente do an[úu]ncio|broken|refund|never/i;
mockClient(ComprehendClient)
  .on(BatchDetectSentimentCommand)
  .callsFake(({ TextList }) => {
    // On stderr, so the test can tell the cascade really escalated to Comprehend.
    process.stderr.write(`comprehend-stub: BatchDetectSentiment ${TextList.length}\n`);
    return {
    ResultList: TextList.map((text, Index) =>
      NEGATIVE.test(text)
        ? { Index, Sentiment: 'NEGATIVE', SentimentScore: { Positive: 0.01, Negative: 0.96, Neutral: 0.02, Mixed: 0.01 } }
        : { Index, Sentiment: 'NEUTRAL', SentimentScore: { Positive: 0.1, Negative: 0.1, Neutral: 0.79, Mixed: 0.01 } },
    ),
    ErrorList: [],
    };
  });
