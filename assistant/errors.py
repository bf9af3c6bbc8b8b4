"""One error hierarchy; every message tells the user what to do next."""


class AssistantError(Exception):
    """Base of every error the assistant raises on purpose; the CLI prints it without traceback."""


class ConfigurationError(AssistantError):
    """A setting is wrong (a missing file, an unknown backend)."""


class IndexMissingError(AssistantError):
    """There is no index yet."""


class IndexIncompatibleError(AssistantError):
    """The index on disk was built differently (another embedding model, chunking) or is damaged."""


class ArticleError(AssistantError):
    """One article file cannot be used; the build skips it and reports the reason."""


class PromptError(AssistantError):
    """A prompt template is missing or a variable was not given."""


class GenerationError(AssistantError):
    """The language model could not be loaded or did not answer."""


class DependencyError(AssistantError):
    """An optional dependency is not installed."""


class VectorStoreError(AssistantError):
    """The vector store (a Qdrant server) cannot be reached or refused a request."""


class EmptyQuestionError(AssistantError):
    """The question holds no words to search for."""
