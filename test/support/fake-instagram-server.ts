/**
 * `npm run fake-instagram`: the tests' fake Instagram as a standalone server, for offline demos
 * (`INSTAGRAM_ORIGIN=http://127.0.0.1:9999 npm start`). Serves a few sample posts.
 */
import { FakeInstagram } from './fake-instagram.js';

const port = Number(process.argv[2] ?? 9999);
const fake = await new FakeInstagram().start(port);
fake.addPost({
  shortcode: 'B8kFzL2hXYZ',
  handle: 'connorwjessup',
  name: 'Connor Jessup',
  caption: 'Golden hour on the pier 🌅 #sunset with @friend\nSecond line, with a link: https://example.com/pier',
  items: [{ type: 'image', width: 1080, height: 1350, alt: 'A pier at sunset', path: '/v/t51/sample-single.jpg' }],
});
fake.addPost({
  shortcode: 'Cl0Y-E5qoo9',
  handle: 'museum.of.ice',
  name: 'Museum of Ice',
  caption: 'Three rooms, three moods',
  items: [
    { type: 'image', width: 1080, height: 1080, alt: 'A pink room', path: '/v/t51/sample-c1.jpg' },
    { type: 'image', width: 1080, height: 1350, path: '/v/t51/sample-c2.jpg' },
    { type: 'video', width: 1080, height: 1920, path: '/v/t51/sample-c3.jpg' },
  ],
});
fake.setPages('DGone000000', { kind: 'gone' });
console.log(`fake Instagram on ${fake.origin} (posts B8kFzL2hXYZ, Cl0Y-E5qoo9; DGone000000 is deleted)`);
