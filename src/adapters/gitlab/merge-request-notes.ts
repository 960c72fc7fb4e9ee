import * as z from 'zod/mini'
import { PermissionDeniedError, type PullRequestComment, type PullRequestInfo, type PullRequestThreads } from '../../ports/comment-thread.js'
import { GitLabApi, gitLabStatus, type GitLabApiOptions } from './gitlab-api.js'

export interface GitLabMergeRequestNotesOptions extends GitLabApiOptions {
  /** CI_PROJECT_URL: notes' links are `<project>/-/merge_requests/<iid>#note_<id>`. */
  projectUrl: string
  /** CI_MERGE_REQUEST_IID, when the pipeline has one: the merge request of notes `update`/`delete` were not told about. */
  mergeRequestIid?: number
  /** CI_PROJECT_PATH (`group/project`), as `findByHeadSha` names the head's project of a merge request from a branch of this project. */
  projectPath?: string
}

const noteSchema = z.object({
  id: z.number(),
  body: z.string(),
  author: z.object({ username: z.string() }),
  created_at: z.string(),
  system: z.optional(z.boolean())
})
type Note = z.infer<typeof noteSchema>
const mergeRequestSchema = z.object({ iid: z.number(), state: z.string(), sha: z.nullable(z.string()) })
const detailedMergeRequestSchema = z.object({
  iid: z.number(),
  sha: z.string(),
  source_branch: z.string(),
  target_branch: z.string(),
  source_project_id: z.number(),
  target_project_id: z.number(),
  web_url: z.string(),
  diff_refs: z.optional(z.nullable(z.object({ base_sha: z.string() })))
})

/**
 * The report's sticky comment as a merge request note (DESIGN.md section 9), through GitLab's
 * notes API with a project or group access token (`api` scope) from MODEL_CI_GITLAB_TOKEN:
 * CI_JOB_TOKEN cannot write notes, and GitLab's 401 or 403 becomes a PermissionDeniedError that
 * says which variable to set. A pull request's "number" is the merge request's IID.
 */
export class GitLabMergeRequestNotes implements PullRequestThreads {
  private readonly api: GitLabApi
  /** The merge request of each note seen or written: GitLab's note routes need it. */
  private readonly iidOfNote = new Map<number, number>()
  private login?: Promise<string>

  constructor(private readonly options: GitLabMergeRequestNotesOptions) {
    this.api = new GitLabApi(options)
  }

  /**
   * Open merge requests whose head is commit `sha`: GitLab's merge requests of a commit, each then
   * read whole for its merge-base (`diff_refs`, which only a single merge request shows).
   * A merge request pipeline also names its own (CI_MERGE_REQUEST_IID).
   */
  async findByHeadSha(sha: string): Promise<PullRequestInfo[]> {
    const found: Array<z.infer<typeof mergeRequestSchema>> = []
    await this.call(`find the merge requests of commit ${sha.slice(0, 12)}`, () =>
      this.api.paginate(this.api.projectPath(`/repository/commits/${encodeURIComponent(sha)}/merge_requests`), {}, mergeRequestSchema, (page) => {
        found.push(...page.filter((mr) => mr.state === 'opened' && mr.sha === sha))
      })
    )
    const infos: PullRequestInfo[] = []
    for (const mr of found) {
      const detailed = await this.call(`read merge request !${mr.iid}`, () => this.api.json('GET', this.api.projectPath(`/merge_requests/${mr.iid}`), detailedMergeRequestSchema))
      infos.push({
        number: detailed.iid,
        baseSha: detailed.diff_refs?.base_sha ?? '',
        baseRef: detailed.target_branch,
        headSha: detailed.sha,
        headRef: detailed.source_branch,
        // Only a fork's merge request needs the head's project named; GitLab gives its id, not its path.
        headRepository: detailed.source_project_id === detailed.target_project_id ? this.options.projectPath ?? null : null,
        url: detailed.web_url
      })
    }
    return infos.filter((info) => info.baseSha !== '')
  }

  async listCommentsWith(number: number, marker: string): Promise<PullRequestComment[]> {
    const notes: Note[] = []
    await this.call(`read the notes of merge request !${number}`, () =>
      this.api.paginate(this.api.projectPath(`/merge_requests/${number}/notes`), { sort: 'asc', order_by: 'created_at' }, noteSchema, (page) => {
        notes.push(...page)
      })
    )
    return notes.filter((note) => !note.system && note.body.includes(marker)).map((note) => this.toComment(number, note))
  }

  /** The token's username, from `GET /user` (a project access token's bot user, e.g. `project_7_bot_…`). Asked once. */
  ownLogin(): Promise<string> {
    this.login ??= this.call('read the token\'s user', () => this.api.json('GET', '/user', z.object({ username: z.string() }))).then(
      (user) => user.username,
      (error: unknown) => {
        this.login = undefined
        throw error
      }
    )
    return this.login
  }

  async createComment(number: number, body: string): Promise<PullRequestComment> {
    const note = await this.call(`comment on merge request !${number}`, () =>
      this.api.json('POST', this.api.projectPath(`/merge_requests/${number}/notes`), noteSchema, { json: { body } })
    )
    return this.toComment(number, note)
  }

  async updateComment(commentId: number, body: string): Promise<PullRequestComment> {
    const iid = this.iidOf(commentId)
    const note = await this.call(`update note ${commentId} of merge request !${iid}`, () =>
      this.api.json('PUT', this.api.projectPath(`/merge_requests/${iid}/notes/${commentId}`), noteSchema, { json: { body } })
    )
    return this.toComment(iid, note)
  }

  async deleteComment(commentId: number): Promise<void> {
    const iid = this.iidOf(commentId)
    await this.call(`delete note ${commentId} of merge request !${iid}`, async () => {
      try {
        await (await this.api.request('DELETE', this.api.projectPath(`/merge_requests/${iid}/notes/${commentId}`))).arrayBuffer()
      } catch (error) {
        // Already gone: another pipeline deleted it, or a person did.
        if (gitLabStatus(error) !== 404) throw error
      }
    })
  }

  private iidOf(noteId: number): number {
    const iid = this.iidOfNote.get(noteId) ?? this.options.mergeRequestIid
    if (iid === undefined) throw new Error(`the merge request of note ${noteId} is not known: list or create it first, or pass mergeRequestIid`)
    return iid
  }

  private toComment(iid: number, note: Note): PullRequestComment {
    this.iidOfNote.set(note.id, iid)
    return {
      id: note.id,
      body: note.body,
      url: `${this.options.projectUrl.replace(/\/+$/, '')}/-/merge_requests/${iid}#note_${note.id}`,
      author: note.author.username,
      createdAt: note.created_at
    }
  }

  /** Runs a call; GitLab's 401 and 403 become a PermissionDeniedError that names the variable to set. */
  private async call<T>(action: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work()
    } catch (error) {
      const status = gitLabStatus(error)
      if (status !== 401 && status !== 403) throw error
      const variable = this.api.tokenVariable
      const why =
        variable === 'CI_JOB_TOKEN'
          ? 'CI_JOB_TOKEN cannot write merge request notes'
          : status === 401
            ? `the token in ${variable} was not accepted (expired, revoked or mistyped)`
            : `the token in ${variable} lacks the right`
      throw new PermissionDeniedError(
        `GitLab refused to ${action} (${status}): ${why}; set the masked CI/CD variable MODEL_CI_GITLAB_TOKEN to a project or group access token with the \`api\` scope and at least the Reporter role`,
        { cause: error }
      )
    }
  }
}

