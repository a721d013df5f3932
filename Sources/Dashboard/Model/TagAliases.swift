import Telemetry

/// Maps scalar tags other writers commonly use (PyTorch tutorials, Keras, Lightning) to the
/// run contract's, so a foreign run replayed or followed fills the same charts. Matching
/// ignores case; contract tags map to themselves.
enum TagAliases {
    private static let table: [String: String] = {
        var table: [String: String] = [:]
        func alias(_ canonical: String, _ names: [String]) {
            for name in names { table[name.lowercased()] = canonical }
        }
        alias(Tag.trainLoss, ["train/loss", "loss", "train_loss", "loss/train", "training/loss", "training_loss",
                              "train/loss_step", "train_loss_step", "epoch_loss", "loss/training"])
        alias(Tag.valLoss, ["val/loss", "val_loss", "loss/val", "loss/validation", "validation/loss", "validation_loss",
                            "loss/test", "test/loss", "test_loss", "eval/loss", "eval_loss", "epoch_val_loss"])
        alias(Tag.trainAccuracy, ["train/accuracy", "accuracy", "acc", "train_acc", "train_accuracy", "accuracy/train",
                                  "train/acc", "training/accuracy", "epoch_accuracy"])
        alias(Tag.valAccuracy, ["val/accuracy", "val_acc", "val_accuracy", "accuracy/val", "accuracy/validation",
                                "accuracy/test", "test/accuracy", "test_acc", "validation/accuracy", "eval/accuracy",
                                "epoch_val_accuracy", "val/acc"])
        alias(Tag.learningRate, ["lr", "learning_rate", "learningrate", "lr-adam", "lr-sgd", "train/lr",
                                 "epoch_learning_rate", "optim/lr", "lr/group0"])
        return table
    }()

    /// The contract tag for `tag`, or `tag` itself when it is not a known alias.
    static func canonical(_ tag: String) -> String {
        table[tag.lowercased()] ?? tag
    }
}
