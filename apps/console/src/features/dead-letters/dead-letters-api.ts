import type { DeadLetterDto } from '@parley/contracts';
import { http } from '../../api/http-client';

export const deadLettersApi = {
  list: () => http.get<DeadLetterDto[]>('/api/dead-letters', { limit: 100 }),
  replay: (id: string) => http.post<DeadLetterDto>(`/api/dead-letters/${encodeURIComponent(id)}/replay`),
};
