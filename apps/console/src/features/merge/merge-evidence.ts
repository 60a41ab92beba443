import type { Channel, CustomerDto, MergeEvidence } from '@parley/contracts';

/** Why two records look like one person, as an i18n key plus the values to put in it. */
export interface EvidenceWording {
  key: string;
  /** The shared value as each record spells it, e.g. "8 916 123-45-67 = +79161234567". */
  value: string;
  /** For a shared name: the channels the two records were reached on. */
  channels: Channel[];
}

/**
 * Distinct spellings, in the order the records hold them. An agent trusts "8 916 123-45-67 =
 * +79161234567" more when both spellings are shown, so only exact repeats collapse.
 */
export function spellings(values: readonly string[]): string {
  const seen: string[] = [];
  for (const raw of values) {
    const value = raw.trim();
    if (value && !seen.includes(value)) seen.push(value);
  }
  return seen.join(' = ');
}

/** The channels of both records, each once, in the order they appear. */
export function channelsOf(...customers: Pick<CustomerDto, 'identities'>[]): Channel[] {
  const channels: Channel[] = [];
  for (const customer of customers) {
    for (const identity of customer.identities) if (!channels.includes(identity.channel)) channels.push(identity.channel);
  }
  return channels;
}

export function describeEvidence(evidence: MergeEvidence, customer: Pick<CustomerDto, 'identities'>, duplicate: Pick<CustomerDto, 'identities'>): EvidenceWording {
  const value = spellings(evidence.values);
  switch (evidence.kind) {
    case 'same_email':
      return { key: 'merge.evidence.sameEmail', value, channels: [] };
    case 'same_phone':
      return { key: 'merge.evidence.samePhone', value, channels: [] };
    case 'same_name': {
      const channels = channelsOf(customer, duplicate);
      return channels.length
        ? { key: 'merge.evidence.sameName', value, channels }
        : { key: 'merge.evidence.sameNameOnly', value, channels };
    }
    case 'prechat_email':
      return { key: 'merge.evidence.prechatEmail', value, channels: [] };
    case 'prechat_phone':
      return { key: 'merge.evidence.prechatPhone', value, channels: [] };
    default:
      // A kind added to the api before the console knows it still shows its values.
      return { key: 'merge.evidence.other', value, channels: [] };
  }
}

/** "Telegram and Email" / "Telegram и Эл. почта", in the agent's language. */
export function joinWords(words: readonly string[], locale: string): string {
  try {
    return new Intl.ListFormat(locale, { type: 'conjunction' }).format(words);
  } catch {
    return words.join(', ');
  }
}
