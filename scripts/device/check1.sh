# Device call 1: install the carried wheels, check CTranslate2 sees the GPU, run the product's
# CT2 translation path on CUDA with a tiny model (exercises cuBLAS), and the error without cuBLAS 12.
cd "$(dirname "$0")/../.."
export PYTHONUNBUFFERED=1
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader
python3 -V
python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target .dev/site .dev/a/*.whl 2>&1 | tail -2
find /opt /usr -name 'libcublas*.so*' 2>/dev/null | head -20
C12=$(find /opt /usr -name 'libcublas.so.12*' 2>/dev/null | head -1)
C13=$(find /opt /usr -name 'libcublas.so.13*' 2>/dev/null | head -1)
echo "cublas 12: $C12; cublas 13: $C13"
export PYTHONPATH=$PWD/.dev/site:$PWD
cat > /tmp/ct2check.py <<'PY'
import sys, time
import ctranslate2
print("ct2", ctranslate2.__version__, "cuda devices", ctranslate2.get_cuda_device_count(),
      "types", sorted(ctranslate2.get_supported_compute_types("cuda")))
from sola_studio.models.compute import choose_compute
print("plan auto:", choose_compute("auto"))
from pathlib import Path
from sola_studio.translate.ct2 import CTranslate2Translator, describe_model
m = describe_model(Path(".dev/a/nllb-tiny"))
for ct in sys.argv[1:]:
    t = CTranslate2Translator([m], device="cuda", compute_type=ct)
    t0 = time.perf_counter()
    try:
        out = t.translate(["Hello, this is a test."], "en", ["pt"])
        print(ct, "ok", round(time.perf_counter() - t0, 3), "s", out)
    except Exception as e:
        print(ct, "FAILED", type(e).__name__, e)
PY
echo "== without cuBLAS 12 (what a seller without the gpu extra sees)"
timeout 60 python3 /tmp/ct2check.py float16 2>&1 | tail -5
mkdir -p .dev/lib
if [ -n "$C12" ]; then CUB=$(dirname $C12); ln -sf $C12 .dev/lib/libcublas.so.12; else
CUB=$(dirname $C13); ln -sf $CUB/libcublas.so.13 .dev/lib/libcublas.so.12
ln -sf $CUB/libcublasLt.so.13 .dev/lib/libcublasLt.so.12; fi
export LD_LIBRARY_PATH=$PWD/.dev/lib:$CUB:$LD_LIBRARY_PATH
echo "== cuBLAS 13 under the name .12"
for ct in float16 int8_float16 int8 float32; do timeout 60 python3 /tmp/ct2check.py $ct 2>&1 | grep -v "^ct2\|^plan" | tail -3; done
timeout 60 python3 /tmp/ct2check.py 2>&1 | head -2
