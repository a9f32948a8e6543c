import argparse

import transformers
from transformers import Trainer, TrainingArguments


def parse_args():
    parser = argparse.ArgumentParser(description="Fine-tune a classifier")
    parser.add_argument("--model-name-or-path", default="roberta-base", help="hub id or local dir")
    parser.add_argument("--output_dir", default="out/finetuned")
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--teacher", dest="teacher_model", default="roberta-large")
    return parser.parse_args()


def main():
    args = parse_args()
    tokenizer = transformers.AutoTokenizer.from_pretrained(args.model_name_or_path)
    model = transformers.AutoModelForSequenceClassification.from_pretrained(
        args.model_name_or_path,
        num_labels=3,
    )
    teacher = transformers.AutoModelForSequenceClassification.from_pretrained(args.teacher_model)
    trainer = Trainer(model=model, args=TrainingArguments(args.output_dir, num_train_epochs=args.epochs))
    trainer.train()
    trainer.save_model(args.output_dir)
    reloaded = transformers.AutoModelForSequenceClassification.from_pretrained(args.output_dir)
    return tokenizer, teacher, reloaded


if __name__ == "__main__":
    main()
