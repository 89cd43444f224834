/**
 * Where the regional services Ouvidor depends on exist, as data (checked by the deploy context).
 * Source: AWS General Reference, "Amazon Comprehend endpoints and quotas" and "Amazon Simple Email
 * Service endpoints and quotas" (email receiving endpoints). AWS adds regions over time: when the
 * table lists yours, add it here (a test pins the cases the README documents).
 */

/** Regions with an Amazon Comprehend endpoint (DetectSentiment, BatchDetect*, DetectPiiEntities). */
export const COMPREHEND_REGIONS: readonly string[] = Object.freeze([
  'us-east-1',
  'us-east-2',
  'us-west-2',
  'ca-central-1',
  'eu-west-1',
  'eu-west-2',
  'eu-central-1',
  'ap-south-1',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'us-gov-west-1',
]);

/**
 * Regions where SES receives email (receipt rule sets, `inbound-smtp.<region>.amazonaws.com`).
 * Conservative: the long-standing receiving regions. A region missing here fails synth with a clear
 * message (deploy with `-c ouvidor:inboundEmail=false`, or add the region once AWS lists it).
 */
export const SES_RECEIVING_REGIONS: readonly string[] = Object.freeze(['us-east-1', 'us-west-2', 'eu-west-1']);

/** The Comprehend region to suggest for a home region without Comprehend (closest by latency, roughly). */
export function suggestedAnalysisRegion(region: string): string {
  if (region.startsWith('sa-') || region.startsWith('us-') || region.startsWith('mx-')) return 'us-east-1';
  if (region.startsWith('ca-')) return 'ca-central-1';
  if (region.startsWith('eu-') || region.startsWith('il-') || region.startsWith('me-') || region.startsWith('af-')) return 'eu-central-1';
  if (region.startsWith('ap-south')) return 'ap-south-1';
  return 'ap-southeast-1';
}
