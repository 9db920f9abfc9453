#!/usr/bin/env bash
# Writes the seeds of the language-model and recurrent-model targets (Fuzz/Corpus/) with the real commands and tiny
# configurations (width 8, one block, one step), from a short Portuguese text. Usage: Fuzz/make-model-seeds.sh [APRENDIZ]
# (default .build/debug/aprendiz). train-vit needs Fashion-MNIST (dataset-fashion-mnist).
set -euo pipefail
cd "$(dirname "$0")/.."
aprendiz=$(readlink -f "${1:-.build/debug/aprendiz}")
lm=$PWD/Fuzz/Corpus/language-model recurrent=$PWD/Fuzz/Corpus/recurrent-model
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cd "$work"
printf 'o gradiente desce a encosta; a taxa de aprendizado ajusta o passo. o gradiente desce.\n' > t.txt
for _ in 1 2 3; do cat t.txt t.txt > t2.txt; mv t2.txt t.txt; done
small=(--steps 1 --batch-size 2 --context 8 --width 8 --heads 2 --layers 1 --eval-interval 1 --eval-batches 1)
"$aprendiz" train-lm --text t.txt "${small[@]}" --output "$lm/gpt-char.safetensors"
"$aprendiz" train-lm --text t.txt "${small[@]}" --tokenizer bpe --merges 6 --untied-head --output "$lm/gpt-bpe.safetensors"
"$aprendiz" pretrain-mlm --text t.txt "${small[@]}" --output "$lm/bert-char.safetensors"
"$aprendiz" pretrain-mlm --text t.txt "${small[@]}" --tokenizer bpe --merges 4 --output "$lm/bert-bpe.safetensors"
"$aprendiz" train-seq2seq --task sort-digits --max-digits 3 --test-examples 4 --width 8 --heads 2 --layers 1 --steps 1 \
    --eval-interval 1 --output "$lm/seq2seq.safetensors"
"$aprendiz" train-vit --epochs 1 --limit 32 --test-limit 16 --batch-size 16 --width 8 --heads 2 --layers 1 --patch 14 \
    --output "$lm/vit.safetensors"
recurrent_options=(--param hidden=4 --param steps=1 --param sequence=8 --param embedding=3 --batch-size 2 --quiet)
"$aprendiz" train --dataset text:t.txt --model lstm "${recurrent_options[@]}" --save "$recurrent/lstm.safetensors"
"$aprendiz" train --dataset text:t.txt --model gru --param layers=2 "${recurrent_options[@]}" --save "$recurrent/gru.safetensors"
"$aprendiz" rbm --dataset digits --hidden 4 --epochs 1 --limit 20 --save "$recurrent/rbm.safetensors"
