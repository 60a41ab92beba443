import { useTranslation } from 'react-i18next';
import type { TargetUnits } from './teams-form-rules';

/** The unit letters SLA targets are written with, in the console's language. */
export function useTargetUnits(): TargetUnits {
  const { t } = useTranslation();
  return { d: t('sla.units.d'), h: t('sla.units.h'), m: t('sla.units.m'), s: t('sla.units.s') };
}
