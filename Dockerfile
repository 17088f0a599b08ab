# The decision aid as a container image: one replica. Run several behind a proxy with sticky
# sessions (deploy/compose.yaml, deploy/kubernetes/). Configuration by environment variables
# only (STREAMLIT_SERVER_*): the image carries the shipped .streamlit/config.toml defaults.
#   docker build -t cart-decision-aid .
#   docker run -p 8501:8501 -e STREAMLIT_SERVER_COOKIE_SECRET=$(openssl rand -hex 32) cart-decision-aid
FROM python:3.11-slim-bookworm

# Pango for WeasyPrint's PDF, and the fonts the PDF falls back to for other scripts and emoji
# (the same list as RUN_PACKAGES in scripts/install-system-packages.sh; a test keeps them equal).
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core fonts-wqy-microhei fonts-noto-core \
        fonts-symbola fonts-noto-color-emoji \
    && rm -rf /var/lib/apt/lists/*

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt

# Only what the app runs: its frame, pages, components, content and shipped settings.
COPY app.py ./
COPY .streamlit/config.toml .streamlit/config.toml
COPY components/ components/
COPY pages/ pages/
COPY data/ data/

RUN useradd --system --uid 10001 --home-dir /home/app --create-home app
USER 10001

# Listen on every interface inside the container (the shipped config says loopback).
# Set STREAMLIT_SERVER_COOKIE_SECRET to the same value on every replica.
ENV STREAMLIT_SERVER_ADDRESS=0.0.0.0 \
    STREAMLIT_SERVER_PORT=8501
EXPOSE 8501

HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=2).read() != b'ok')"]

CMD ["python", "-m", "streamlit", "run", "app.py"]
