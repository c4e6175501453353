-- Role facts of kept documents about people the mentions know as PERSON entities.
with roles as (
    select * from stg_lake__roles
),

documents as (
    select document_id, run_id from int_documents__deduplicated
),

people as (
    select distinct entity_id
    from int_mentions__canonicalized
    where type = 'PERSON'
),

final as (
    select
        roles.document_id,
        roles.person,
        roles.person_entity_id,
        roles.title,
        roles.organization,
        roles.start,
        roles."end"
    from roles
    inner join documents
        on roles.document_id = documents.document_id
        and roles.run_id = documents.run_id
    inner join people
        on roles.person_entity_id = people.entity_id
    qualify row_number() over (
        partition by roles.document_id, roles.person, roles.title, roles.organization order by roles.start
    ) = 1
)

select * from final
