import { useState } from 'react';

/** The browser's IANA zones for the calendar's suggestions; none where Intl cannot list them. */
export function useTimeZones(): string[] {
  const [zones] = useState<string[]>(() => {
    const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
    try {
      return intl.supportedValuesOf?.('timeZone') ?? [];
    } catch {
      return [];
    }
  });
  return zones;
}
