import { useCallback, useEffect, useState } from 'react';
import { AGENT_EVENTS, type CustomerDto } from '@parley/contracts';
import { useAgentEvent, useAgentSocket } from '../../api/agent-socket';
import { parleyApi, type CustomerPatch } from '../../api/parley-api';
import { useMergeReload } from '../merge/merge-activity';

/** Merges chain at most a few times in practice; the cap only stops a corrupt loop. */
const MAX_MERGE_HOPS = 5;

export function useCustomer(customerId: string | null) {
  const { epoch } = useAgentSocket();
  const [customer, setCustomer] = useState<CustomerDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useMergeReload(customerId, customer?.id);

  useEffect(() => {
    setError(null);
    if (!customerId) {
      setCustomer(null);
      return;
    }
    let cancelled = false;
    setCustomer((current) => (current?.id === customerId ? current : null));
    // A merged customer points at the survivor: show the one that holds the whole timeline.
    const load = async () => {
      let next = await parleyApi.getCustomer(customerId);
      for (let hop = 0; next.mergedIntoId && hop < MAX_MERGE_HOPS; hop++) next = await parleyApi.getCustomer(next.mergedIntoId);
      if (!cancelled) setCustomer(next);
    };
    load().catch((err: Error) => !cancelled && setError(err.message));
    return () => {
      cancelled = true;
    };
  }, [customerId, epoch, reload]);

  useAgentEvent<CustomerDto>(AGENT_EVENTS.customerUpdated, (updated) => {
    setCustomer((current) => {
      if (!current || updated.id !== current.id) return current;
      return Date.parse(updated.updatedAt) >= Date.parse(current.updatedAt) ? updated : current;
    });
    if (updated.mergedIntoId && updated.id === customer?.id) {
      parleyApi
        .getCustomer(updated.mergedIntoId)
        .then(setCustomer)
        .catch(() => undefined);
    }
  });

  const update = useCallback(
    async (patch: CustomerPatch) => {
      if (!customer) return;
      setCustomer(await parleyApi.updateCustomer(customer.id, patch));
    },
    [customer],
  );

  return { customer, error, update };
}
