import { purgeExpiredDataJob, retentionPurgeJobId } from "~/jobs/definitions";
import { getDb } from "~/db.server";
import { getJobProducer } from "~/modules/queue/get-job-producer.server";

const PAGE = 500;

/**
 * Queues one retention purge per shop (the one sweep across shops; each job names its shop).
 * A shop whose purge is still queued or running keeps that one: the fixed job id makes the
 * new one a no-op. Returns how many shops were asked for.
 */
export async function queueShopPurges(): Promise<number> {
  const db = getDb();
  const producer = getJobProducer();
  let queued = 0;
  let after: string | undefined;
  for (;;) {
    const shops = await db.shop.findMany({
      where: after ? { id: { gt: after } } : {},
      select: { id: true },
      orderBy: { id: "asc" },
      take: PAGE,
    });
    if (shops.length === 0) return queued;
    await producer.enqueue(
      shops.map((shop) => ({ definition: purgeExpiredDataJob, jobId: retentionPurgeJobId(shop.id), payload: { shop: shop.id } })),
      10_000,
    );
    queued += shops.length;
    after = shops[shops.length - 1]!.id;
  }
}
