-- Mentions of the kept processing of each document, one row per mention id.
with mentions as (
    select * from stg_lake__mentions
),

documents as (
    select document_id, run_id from int_documents__deduplicated
),

kept as (
    select mentions.*
    from mentions
    inner join documents
        on mentions.document_id = documents.document_id
        and mentions.run_id = documents.run_id
),

final as (
    select *
    from kept
    qualify row_number() over (partition by mention_id order by run_id) = 1
)

select * from final
