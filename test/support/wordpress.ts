import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Debian's packages (`wordpress`, `php-cli`, `php-mysql`, `php-xml`, `mariadb-server`); .ci/run installs them. */
export const WORDPRESS_SOURCE = '/usr/share/wordpress';
const MARIADB_INSTALL_DB = '/usr/bin/mariadb-install-db';
const MARIADBD = '/usr/sbin/mariadbd';
const MARIADB = '/usr/bin/mariadb';
const PHP = '/usr/bin/php';

/** A file of Debian's WordPress tree, e.g. `wp-includes/js/wp-embed.js`. */
export function readWordPressFile(path: string): string {
  return readFileSync(join(WORDPRESS_SOURCE, path), 'utf8');
}

export function wordpressInstalled(): boolean {
  return [WORDPRESS_SOURCE, MARIADB_INSTALL_DB, MARIADBD, MARIADB, PHP].every((path) => existsSync(path));
}

export interface WordPress {
  /** `http://localhost:<port>`: another site than the service's 127.0.0.1, as a real article is. */
  readonly origin: string;
  /** Runs PHP with WordPress loaded (wp-load.php) and returns what it prints. */
  php(code: string): Promise<string>;
  /** PHP warnings and errors WordPress logged so far. */
  debugLog(): string;
  stop(): Promise<void>;
}

export interface WordPressOptions {
  /** File name → PHP source, written to wp-content/mu-plugins/ (loaded on every request). */
  readonly muPlugins: Readonly<Record<string, string>>;
}

/**
 * A real WordPress from Debian's package, fresh in a temporary folder: MariaDB on a private
 * socket and data directory (no TCP), the WordPress tree copied into a docroot with its own
 * wp-config.php, served by `php -S` on a dynamic port, installed through wp_install().
 */
export async function startWordPress(options: WordPressOptions): Promise<WordPress> {
  const dir = mkdtempSync(join(tmpdir(), 'postkeep-wp-'));
  const children: ChildProcess[] = [];
  const stop = async () => {
    for (const child of children.reverse()) await kill(child);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const socket = join(dir, 'mysql.sock');
    const mariadb = await startMariaDb(dir, socket);
    children.push(mariadb);
    await run(MARIADB, ['--no-defaults', `--socket=${socket}`, '-uroot', '-e', 'CREATE DATABASE wordpress CHARACTER SET utf8mb4']);

    const www = join(dir, 'www');
    cpSync(WORDPRESS_SOURCE, www, { recursive: true, verbatimSymlinks: true });
    mkdirSync(join(www, 'wp-content', 'mu-plugins'), { recursive: true });
    for (const [name, source] of Object.entries(options.muPlugins)) writeFileSync(join(www, 'wp-content', 'mu-plugins', name), source);

    const { child: php, port } = await startPhpServer(www);
    children.push(php);
    const host = `localhost:${port}`;
    writeFileSync(join(www, 'wp-config.php'), wpConfig(socket, host, join(dir, 'debug.log')));

    const runPhp = async (code: string): Promise<string> => {
      const script = join(dir, `run-${randomBytes(6).toString('hex')}.php`);
      writeFileSync(
        script,
        `<?php\n$_SERVER['HTTP_HOST'] = ${JSON.stringify(host)};\n$_SERVER['REQUEST_URI'] = '/';\n$_SERVER['SERVER_NAME'] = 'localhost';\n${code}\n`,
      );
      try {
        const { stdout } = await run(PHP, [script], { cwd: www, maxBuffer: 16 * 1024 * 1024 });
        return stdout;
      } finally {
        rmSync(script, { force: true });
      }
    };

    // The install screen's own function; its e-mail to the admin is switched off (no mail here).
    await runPhp(
      [
        "define('WP_INSTALLING', true);",
        'function wp_new_blog_notification($title, $url, $user_id, $password) {}',
        `require ${JSON.stringify(join(www, 'wp-load.php'))};`,
        "require_once ABSPATH . 'wp-admin/includes/upgrade.php';",
        "wp_install('An article', 'editor', 'editor@example.com', true, '', wp_generate_password(24));",
      ].join('\n'),
    );

    return {
      origin: `http://${host}`,
      php: (code) => runPhp(`require ${JSON.stringify(join(www, 'wp-load.php'))};\n${code}`),
      debugLog: () => (existsSync(join(dir, 'debug.log')) ? readFileSync(join(dir, 'debug.log'), 'utf8') : ''),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function startMariaDb(dir: string, socket: string): Promise<ChildProcess> {
  const data = join(dir, 'db');
  await run(MARIADB_INSTALL_DB, [
    '--no-defaults',
    `--datadir=${data}`,
    '--user=root',
    '--auth-root-authentication-method=normal',
    '--skip-test-db',
  ]);
  const child = spawn(
    MARIADBD,
    [
      '--no-defaults',
      `--datadir=${data}`,
      `--socket=${socket}`,
      `--pid-file=${join(dir, 'mariadb.pid')}`,
      `--log-error=${join(dir, 'mariadb.err')}`,
      '--user=root',
      '--skip-networking',
      '--skip-name-resolve',
      '--innodb-buffer-pool-size=32M',
      '--skip-log-bin',
    ],
    { stdio: 'ignore' },
  );
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`mariadbd exited: ${tail(join(dir, 'mariadb.err'))}`);
    try {
      await run(MARIADB, ['--no-defaults', `--socket=${socket}`, '-uroot', '-e', 'SELECT 1']);
      return child;
    } catch {
      if (Date.now() > deadline) {
        await kill(child);
        throw new Error(`mariadbd did not start: ${tail(join(dir, 'mariadb.err'))}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

/** `php -S 127.0.0.1:0` picks a free port and says which on its first line. */
async function startPhpServer(www: string): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(PHP, ['-S', '127.0.0.1:0', '-t', www], {
    cwd: www,
    env: { ...process.env, PHP_CLI_SERVER_WORKERS: '4' },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group: the workers it forks outlive a signal sent to it alone (kill()).
    detached: true,
  });
  GROUP_LEADERS.add(child);
  const port = await new Promise<number>((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`php -S did not start: ${seen}`)), 15_000);
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /Development Server \(http:\/\/127\.0\.0\.1:(\d+)\) started/.exec(seen);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`php -S exited with ${code}: ${seen}`)));
  });
  // Keep draining the access log so the pipe never fills.
  child.stdout?.resume();
  child.stderr?.resume();
  return { child, port };
}

function wpConfig(socket: string, host: string, debugLog: string): string {
  const keys = [
    'AUTH_KEY',
    'SECURE_AUTH_KEY',
    'LOGGED_IN_KEY',
    'NONCE_KEY',
    'AUTH_SALT',
    'SECURE_AUTH_SALT',
    'LOGGED_IN_SALT',
    'NONCE_SALT',
  ];
  const php = (value: string) => `'${value.replace(/[\\']/g, '\\$&')}'`;
  return [
    '<?php',
    "define('DB_NAME', 'wordpress');",
    "define('DB_USER', 'root');",
    "define('DB_PASSWORD', '');",
    `define('DB_HOST', ${php(`localhost:${socket}`)});`,
    "define('DB_CHARSET', 'utf8mb4');",
    "define('DB_COLLATE', '');",
    ...keys.map((key) => `define('${key}', '${randomBytes(32).toString('hex')}');`),
    "$table_prefix = 'wp_';",
    `define('WP_HOME', ${php(`http://${host}`)});`,
    `define('WP_SITEURL', ${php(`http://${host}`)});`,
    // Nothing may leave the machine: WordPress reaches only its own host and the loopback service.
    "define('WP_HTTP_BLOCK_EXTERNAL', true);",
    "define('WP_ACCESSIBLE_HOSTS', '127.0.0.1');",
    "define('DISABLE_WP_CRON', true);",
    "define('AUTOMATIC_UPDATER_DISABLED', true);",
    "define('WP_DEBUG', true);",
    "define('WP_DEBUG_DISPLAY', false);",
    `define('WP_DEBUG_LOG', ${php(debugLog)});`,
    "if (!defined('ABSPATH')) define('ABSPATH', __DIR__ . '/');",
    "require_once ABSPATH . 'wp-settings.php';",
    '',
  ].join('\n');
}

function tail(path: string): string {
  return existsSync(path) ? readFileSync(path, 'utf8').slice(-2000) : '(no log)';
}

/** Children started with `detached: true`, each leading a process group of its own. */
const GROUP_LEADERS = new WeakSet<ChildProcess>();

/** Stops a child and, when it leads a process group of its own (`detached`), every process in it. */
async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const signal = (name: NodeJS.Signals) => {
    if (GROUP_LEADERS.has(child) && child.pid !== undefined) process.kill(-child.pid, name);
    else child.kill(name);
  };
  signal('SIGTERM');
  const timer = setTimeout(() => signal('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
