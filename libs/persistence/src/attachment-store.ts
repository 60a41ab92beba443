import { randomUUID } from 'node:crypto';
import { Injectable, PayloadTooLargeException } from '@nestjs/common';
import { fromBuffer } from 'file-type';
import { DataSource } from 'typeorm';
import type { AttachmentDto } from '@parley/contracts';
import { isId } from '@parley/domain';
import { AttachmentEntity } from './entities/attachment.entity';

export const MAX_ATTACHMENT_BYTES = Number(process.env.MAX_ATTACHMENT_BYTES ?? 10 * 1024 * 1024);

export interface NewAttachment {
  data: Buffer;
  contentType: string;
  fileName?: string | null;
  /**
   * A stable, unguessable id for bytes a provider may deliver again (the media of a redelivered
   * webhook): saving them twice stores them once. Default: a random id.
   */
  id?: string;
}

/**
 * The type the bytes say they are, not the one the uploader (or a provider's header) claimed:
 * an "image/png" that is really HTML must not be shown as an image. Only images are ever shown in
 * place, so an image claim the bytes do not back becomes application/octet-stream; other claims
 * the bytes cannot settle (text has no magic bytes) stay as labels, and downloads serve them as
 * attachments with nosniff.
 */
export async function sniffContentType(data: Buffer, claimed: string | undefined): Promise<string> {
  const sniffed = await fromBuffer(data).catch(() => undefined);
  if (sniffed) return sniffed.mime;
  const type = (claimed ?? '').split(';')[0].trim().toLowerCase();
  if (!/^[a-z0-9.+-]+\/[a-z0-9.+-]+$/.test(type) || type.startsWith('image/')) return 'application/octet-stream';
  return type.slice(0, 200);
}

/**
 * Stores attachment bytes; the returned DTO's url (`/attachments/<id>`) serves them. Adapters
 * reach it through channels/core's AttachmentStorePort, which this class fits.
 */
@Injectable()
export class AttachmentStore {
  readonly maxBytes = MAX_ATTACHMENT_BYTES;

  constructor(private readonly db: DataSource) {}

  async save(input: NewAttachment): Promise<AttachmentDto> {
    if (input.data.length > MAX_ATTACHMENT_BYTES) {
      throw new PayloadTooLargeException(`Attachments are limited to ${Math.floor(MAX_ATTACHMENT_BYTES / 1024 / 1024)} MB`);
    }
    const row: AttachmentEntity = {
      id: input.id ?? randomUUID(),
      contentType: await sniffContentType(input.data, input.contentType),
      fileName: input.fileName?.slice(0, 300) ?? null,
      size: input.data.length,
      data: input.data,
      createdAt: new Date(),
    };
    if (input.id) await this.db.createQueryBuilder().insert().into(AttachmentEntity).values(row).orIgnore().execute();
    else await this.db.getRepository(AttachmentEntity).insert(row);
    return toAttachmentDto(row);
  }

  // Ids are UUIDs (a uuid column on PostgreSQL): anything else names no attachment.
  async read(id: string): Promise<AttachmentEntity | null> {
    return isId(id) ? this.db.getRepository(AttachmentEntity).findOneBy({ id: id.toLowerCase() }) : null;
  }

  async describe(ids: string[]): Promise<AttachmentDto[]> {
    ids = ids.map((id) => (isId(id) ? id.toLowerCase() : id));
    if (!ids.some(isId)) return [];
    const rows = await this.db.getRepository(AttachmentEntity).find({
      select: { id: true, contentType: true, fileName: true, size: true, createdAt: true },
      where: ids.filter(isId).map((id) => ({ id })),
    });
    return ids.map((id) => rows.find((r) => r.id === id)).filter((r): r is AttachmentEntity => !!r).map(toAttachmentDto);
  }
}

export function toAttachmentDto(a: Pick<AttachmentEntity, 'id' | 'contentType' | 'fileName' | 'size'>): AttachmentDto {
  return { id: a.id, url: `/attachments/${a.id}`, contentType: a.contentType, fileName: a.fileName ?? undefined, size: a.size };
}
