import * as z from 'zod/mini'
import { PermissionDeniedError, type PullRequestComment, type PullRequestInfo, type PullRequestThreads } from '../../ports/comment-thread.js'
import { GitLabApi, gitLabStatus, type GitLabApiOptions } from './gitlab-api.js'

export interface GitLabMergeRequestNotesOptions extends GitLabApiOptions {
  /** CI_PROJECT_URL: notes' links are `<project>/-/merge_requests/<iid>#note_<id>`. */
  projectUrl: string
  /** CI_MERGE_REQUEST_IID, when the pipeline has one: the merge request of notes `update`/`delete` were not told about. */
  mergeRequestIid?: number
}

const noteSchema = z.object({
  id: z.number(),
  body: z.string(),
  author: z.object({ username: z.string() }),
  created_at: z.string(),
  system: z.optional(z.boolean())
})
type Note = z.infer<typeof noteSchema>

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

  /** A GitLab pipeline names its merge request (CI_MERGE_REQUEST_IID); there is no head-sha lookup to make. */
  async findByHeadSha(_sha: string): Promise<PullRequestInfo[]> {
    throw new Error('GitLabMergeRequestNotes.findByHeadSha: on GitLab the merge request comes from CI_MERGE_REQUEST_IID')
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

