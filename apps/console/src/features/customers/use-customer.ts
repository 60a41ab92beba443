import { useQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import type { CustomerDto, UpdateCustomerDto } from '@parley/contracts';
import { parleyApi } from '../../api/parley-api';
import { customerReceived } from '../../app/live-cache';
import { queryKeys } from '../../app/query-keys';

/** Merges chain at most a few times in practice; the cap only stops a corrupt loop. */
const MAX_MERGE_HOPS = 5;

/** A merged customer points at the survivor: show the one that holds the whole timeline. */
async function survivingCustomer(customerId: string): Promise<CustomerDto> {
  let next = await parleyApi.getCustomer(customerId);
  for (let hop = 0; next.mergedIntoId && hop < MAX_MERGE_HOPS; hop++) next = await parleyApi.getCustomer(next.mergedIntoId);
  return next;
}

export function useCustomer(customerId: string | null) {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: queryKeys.customer(customerId ?? ''),
    queryFn: () => survivingCustomer(customerId as string),
    enabled: customerId !== null,
  });
  const customer = (customerId && query.data) || null;
  const edit = useMutation({
    mutationFn: (e: { customerId: string; patch: UpdateCustomerDto }) => parleyApi.updateCustomer(e.customerId, e.patch),
    onSuccess: (updated) => customerReceived(queryClient, updated),
  });
  const update = async (patch: UpdateCustomerDto) => {
    if (!customer) return;
    await edit.mutateAsync({ customerId: customer.id, patch });
  };
  return { customer, error: query.error?.message ?? null, update };
}
