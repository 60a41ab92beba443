import type { CustomerSummaryDto } from '@parley/contracts';
import { customerName } from '../../features/customers/customer-name';

/** The short tag of an unnamed visitor: the last four characters of their customer id ("Visitor #a1b2"). */
export const visitorTag = (customerId: string): string => customerId.replace(/-/g, '').slice(-4);

/**
 * What a toast or queue row calls a customer: as the console names them elsewhere (name, email,
 * phone), and an unnamed visitor "Visitor #a1b2" so two of them can be told apart.
 */
export function customerLabel(
  customer: Pick<CustomerSummaryDto, 'name' | 'email' | 'phone'> | null | undefined,
  customerId: string,
  t: (key: string, options?: Record<string, unknown>) => string,
): string {
  return customerName(customer) ?? t('details.visitor', { tag: visitorTag(customerId) });
}
