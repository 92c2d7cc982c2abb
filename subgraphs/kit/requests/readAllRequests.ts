import type { CrossBorderRequest, RequestTransition } from './CrossBorderRequest.js';
import type { RequestStore } from './openRequestStore.js';

const PAGE = 500;

/** Every request addressed to the member, with its history, for the transparency statistics. */
export async function readAllRequests(
  store: RequestStore,
): Promise<{ request: CrossBorderRequest; history: RequestTransition[] }[]> {
  const all: { request: CrossBorderRequest; history: RequestTransition[] }[] = [];
  let after: string | null = null;
  do {
    const page: Awaited<ReturnType<RequestStore['list']>> = await store.list(
      { executingSide: true },
      { first: PAGE, after },
    );
    for (const request of page.requests) {
      all.push({ request, history: await store.history(request.id) });
    }
    after = page.nextCursor;
  } while (after !== null);
  return all;
}
