/**
 * The folder, at the top of the workspace, that holds everything local mode records: runs,
 * artifacts, caches, promotion records, logs. Never a model's input.
 */
export const LOCAL_STATE_DIR = '.model-ci'
