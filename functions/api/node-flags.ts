/**
 * The V8 flags the API process runs with, in Lambda (`NODE_OPTIONS`), under `npm start` and in
 * the capture bench, so the bench measures the process as deployed.
 *
 * A capture allocates little on the JavaScript heap (about 8 MB, most of it the SDK's) but holds
 * megabytes of Buffers (the downloaded original, the decoded pixels, every encoded variant) while
 * sharp works. With V8's default 16 MB semi-space, about three old-generation collections ran per
 * capture (42 in 15), each holding the main thread for 5–40 ms while the upload of a variant or
 * the record's write waited; with 32 MB, 5 in 15. `npm run bench`, 2026-12-03, three rounds each:
 * capture / sharp alone 1.44× wall and 1.25× CPU at the default, 1.28× and 1.13× at 32 MB
 * (64 MB measured the same as 32 for twice the reserved memory). The API function has 1536 MB.
 */
export const API_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=32'];
