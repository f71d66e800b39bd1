"""Reading articles: files, folders and URLs of every supported format, decoded, screened and cleaned."""
