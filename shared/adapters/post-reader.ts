import type { GetItemInput, GetItemOutput } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { PostRecord } from '../post/post.js';
import { aliasKey, fromItem, getByShortcode, type PostItem, type PostLookup, postKey } from './post-keys.js';
import type { SignedDynamo } from './signed-dynamo.js';

/**
 * Read-only access to records for oEmbed: one consistent GetItem through SignedDynamo, so the
 * oEmbed function bundles no SDK (docs/adr/0017-oembed-reads-without-the-sdk.md). It reads the
 * item PostTable writes (the same `fromItem`): a journal still on the item is left for the write
 * path to finish, since the record beside it is already the new state.
 */
export class PostReader implements PostLookup {
  constructor(
    private readonly dynamo: SignedDynamo,
    private readonly table: string,
  ) {}

  async get(id: string): Promise<PostRecord | null> {
    const item = await this.getItem(postKey(id), 'post');
    return item ? fromItem(item as unknown as PostItem) : null;
  }

  async getAlias(shortcode: string): Promise<string | null> {
    const item = await this.getItem(aliasKey(shortcode), 'alias');
    return typeof item?.postId === 'string' ? item.postId : null;
  }

  getByShortcode(shortcode: string): Promise<{ id: string; record: PostRecord | null }> {
    return getByShortcode(this, shortcode);
  }

  private async getItem(pk: string, sk: string): Promise<Record<string, unknown> | null> {
    const input: GetItemInput = { TableName: this.table, Key: { pk: { S: pk }, sk: { S: sk } }, ConsistentRead: true };
    const out = await this.dynamo.send<GetItemOutput>('GetItem', input);
    return out.Item ? unmarshall(out.Item) : null;
  }
}
