"""The journal: applications, practice, reflections and the rejections collected."""
