// The Camunda welcome page (/camunda/app/welcome/): a link to the Collaborative's dashboard
// beside Tasklist, Cockpit and Admin. Replaces the webjar's config.js of the same path.
export default {
  links: [
    {
      label: 'Collaborative dashboard',
      href: '/dashboard',
      description: 'The governance at a glance: proposals, workstreams, ballots, reviews, the membership drive, co-leads (Secretariat and Steering Committee)'
    }
  ]
};
