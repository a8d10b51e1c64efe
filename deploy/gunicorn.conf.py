"""gunicorn's configuration for the registry's API: `gunicorn -c deploy/gunicorn.conf.py`.

The settings are the ones `jcg serve` uses (cli/gunicorn_settings.py): threaded workers,
JCG_WORKERS and JCG_THREADS from the environment (JCG_HOST, JCG_PORT, JCG_LOG_LEVEL too), JSON
logs. Run `jcg db upgrade` first: the workers start with table creation off.
"""

import os

from cli.gunicorn_settings import settings

# Each worker builds its own app after the fork, on JCG_DATABASE_URL, without DDL.
os.environ.setdefault("JCG_CREATE_TABLES", "false")
wsgi_app = "api:create_app()"
globals().update(settings(os.environ))
