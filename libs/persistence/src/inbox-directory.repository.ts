import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Channel } from '@parley/contracts';
import { InboxEntity } from './entities/inbox.entity';

/** channels/core's InboxDirectory port: the inboxes of one channel, as adapters see them. */
@Injectable()
export class InboxDirectoryRepository {
  constructor(private readonly db: DataSource) {}

  async ofChannel(channel: Channel): Promise<{ id: string; channel: Channel; config: Record<string, unknown> }[]> {
    const rows = await this.db.getRepository(InboxEntity).find({ where: { channel }, order: { createdAt: 'ASC' } });
    return rows.map((row) => ({ id: row.id, channel: row.channel, config: row.config }));
  }
}
