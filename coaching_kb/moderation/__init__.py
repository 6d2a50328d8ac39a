"""Reader comments after they arrive: comment files, moderation and spam scoring."""
