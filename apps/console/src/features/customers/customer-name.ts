import type { CustomerSummaryDto } from '@parley/contracts';

/** The best thing to call a customer: name, then email, then phone, then null (caller's fallback). */
export function customerName(customer: Pick<CustomerSummaryDto, 'name' | 'email' | 'phone'> | null | undefined): string | null {
  if (!customer) return null;
  return customer.name?.trim() || customer.email?.trim() || customer.phone?.trim() || null;
}
