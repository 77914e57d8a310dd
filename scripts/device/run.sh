# Device call 5: the model joined, the product's engine timed on CUDA and CPU, then one real-time
# pass of bench captions on CUDA (English loop, French and German talk, en->pt Bergamot).
cd "$(dirname "$0")/../.."
export PYTHONUNBUFFERED=1
python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target .dev/site .dev/b/*.whl .dev/e/*.whl 2>&1 | tail -2
CUB=$(dirname "$(readlink .dev/lib/libcublas.so.12)")
export PYTHONPATH=$PWD/.dev/site:$PWD LD_LIBRARY_PATH=$PWD/.dev/lib:$CUB:$LD_LIBRARY_PATH
H=/tmp/solahome; B=$H/cache/models/whisper/base; mkdir -p $B $H/cache/models/bergamot
cat .dev/c/mb.00 .dev/d/mb.01 .dev/e/mb.02 > $B/model.bin
cp .dev/a/config.json .dev/a/tokenizer.json .dev/a/vocabulary.txt .dev/a/sola-model.json $B/
cp -r .dev/b/enpt-1693087644 $H/cache/models/bergamot/
sha256sum $B/model.bin
mkdir -p ../shared/data && cp -r .dev/a/speech ../shared/data/
export SOLA_STUDIO_HOME=$H
nproc; python3 -c "import ctranslate2;print(ctranslate2.get_cuda_device_count())"
timeout 150 python3 .dev/e/micro.py 2>&1 | grep -v Warning
timeout 400 python3 -m sola_studio bench captions --minutes 0 --no-baseline --json --device cuda --save $OUT/captions-cuda.json > $OUT/captions-cuda.out 2> $OUT/captions-cuda.err
echo "bench rc=$?"; tail -5 $OUT/captions-cuda.err; head -c 4000 $OUT/captions-cuda.json
